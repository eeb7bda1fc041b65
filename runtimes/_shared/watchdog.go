// fwatchdog: a re-implementation of OpenFaaS's classic watchdog (openfaas/classic-watchdog,
// formerly openfaas/faas/watchdog) with the Go standard library only, because the official
// openfaas/classic-watchdog image cannot be pulled on offline machines. It forks `fprocess`
// once per request, writes the body to its stdin and answers with its stdout.
// Configured by the same environment variables as the original; see runtimes/README.md.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"
)

const lockFile = "/tmp/.lock"

type config struct {
	fprocess                    string
	readTimeout, writeTimeout   time.Duration
	execTimeout, healthInterval time.Duration
	writeDebug, cgiHeaders      bool
	marshalRequest, combineOut  bool
	debugHeaders, suppressLock  bool
	contentType                 string
	port, maxInflight           int
}

// Durations are integer seconds ("10") or Go durations ("10s", "1m30s"), as in the original.
func envDuration(name string, def time.Duration) time.Duration {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	if n, err := strconv.Atoi(v); err == nil {
		return time.Duration(n) * time.Second
	}
	if d, err := time.ParseDuration(v); err == nil {
		return d
	}
	log.Printf("ignoring %s=%q: not seconds or a Go duration", name, v)
	return def
}

func envBool(name string, def bool) bool {
	// As the original's parseBoolValue: only "true" is true.
	switch os.Getenv(name) {
	case "":
		return def
	case "true":
		return true
	}
	return false
}

func envInt(name string, def int) int {
	if n, err := strconv.Atoi(os.Getenv(name)); err == nil {
		return n
	}
	return def
}

func readConfig() config {
	c := config{
		fprocess:       os.Getenv("fprocess"),
		readTimeout:    envDuration("read_timeout", 30*time.Second),
		execTimeout:    envDuration("exec_timeout", 0),
		writeDebug:     envBool("write_debug", false),
		cgiHeaders:     envBool("cgi_headers", true),
		combineOut:     envBool("combine_output", true),
		marshalRequest: envBool("marshal_request", false),
		debugHeaders:   envBool("debug_headers", false),
		suppressLock:   envBool("suppress_lock", false),
		contentType:    os.Getenv("content_type"),
		// `port` is the watchdog's own variable; PORT is Knative's runtime contract.
		port:        envInt("port", envInt("PORT", 8080)),
		maxInflight: envInt("max_inflight", 0),
	}
	// The original defaults write_timeout to 30s on its own, not to read_timeout.
	c.writeTimeout = envDuration("write_timeout", 30*time.Second)
	// The original waits write_timeout after SIGTERM for a load balancer to see the health
	// check fail; nothing watches it locally, so the default here is 0 (no extra stop delay).
	c.healthInterval = envDuration("healthcheck_interval", 0)
	return c
}

// The CGI-style environment the original passes to the forked process.
func cgiEnv(r *http.Request) []string {
	env := os.Environ()
	for k, v := range r.Header {
		env = append(env, fmt.Sprintf("Http_%s=%s", strings.Replace(k, "-", "_", -1), v[0]))
	}
	env = append(env, "Http_Method="+r.Method,
		fmt.Sprintf("Http_ContentLength=%d", r.ContentLength), // deprecated spelling, still set
		fmt.Sprintf("Http_Content_Length=%d", r.ContentLength))
	if r.URL.RawQuery != "" {
		env = append(env, "Http_Query="+r.URL.RawQuery)
	}
	if r.URL.Path != "" {
		env = append(env, "Http_Path="+r.URL.Path)
	}
	if r.Host != "" {
		env = append(env, "Http_Host="+r.Host)
	}
	if len(r.TransferEncoding) > 0 {
		env = append(env, "Http_Transfer_Encoding="+r.TransferEncoding[0])
	}
	return env
}

func pipeRequest(c config, w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	if c.marshalRequest {
		var m struct {
			Header http.Header `json:"header"`
			Body   struct {
				Raw []byte `json:"raw"`
			} `json:"body"`
		}
		m.Header, m.Body.Raw = r.Header, body
		if body, err = json.Marshal(m); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
	}
	parts := strings.Split(c.fprocess, " ")
	cmd := exec.Command(parts[0], parts[1:]...)
	if c.cgiHeaders {
		cmd.Env = cgiEnv(r)
	}
	cmd.Stdin = bytes.NewReader(body)
	var out bytes.Buffer
	cmd.Stdout = &out
	if c.combineOut {
		cmd.Stderr = &out
	} else {
		cmd.Stderr = os.Stderr // not in the response, but still in the container log
	}
	if c.writeDebug {
		log.Printf("Forking fprocess: %s", c.fprocess)
	}
	if err = cmd.Start(); err == nil {
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		var timeout <-chan time.Time
		if c.execTimeout > 0 {
			timeout = time.After(c.execTimeout)
		}
		select {
		case err = <-done:
		case <-timeout:
			log.Printf("Killing process: %s", c.fprocess)
			cmd.Process.Kill()
			<-done
			w.WriteHeader(http.StatusRequestTimeout)
			w.Write([]byte("Killed process.\n"))
			return
		}
	}
	if err != nil {
		if c.writeDebug {
			log.Printf("Error=%s Out=%s", err, out.String())
		}
		w.WriteHeader(http.StatusInternalServerError)
		w.Write([]byte(err.Error() + "\n"))
		w.Write(out.Bytes())
		return
	}
	if c.contentType != "" {
		w.Header().Set("Content-Type", c.contentType)
	} else if ct := r.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct) // echo the caller's type when none is configured
	}
	secs := time.Since(start).Seconds()
	w.Header().Set("X-Duration-Seconds", fmt.Sprintf("%f", secs))
	w.WriteHeader(http.StatusOK)
	w.Write(out.Bytes())
	if c.writeDebug {
		log.Printf("%s", out.String())
	} else {
		log.Printf("Wrote %d Bytes - Duration: %f seconds", out.Len(), secs)
	}
}

func functionHandler(c config) http.HandlerFunc {
	var inflight int64
	return func(w http.ResponseWriter, r *http.Request) {
		if c.debugHeaders {
			log.Printf("Request %s %s headers: %v", r.Method, r.URL, r.Header)
		}
		switch r.Method {
		case http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodGet:
		default:
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if c.maxInflight > 0 {
			if atomic.AddInt64(&inflight, 1) > int64(c.maxInflight) {
				atomic.AddInt64(&inflight, -1)
				http.Error(w, fmt.Sprintf("Concurrent request limit exceeded. Max concurrent requests: %d", c.maxInflight), http.StatusTooManyRequests)
				return
			}
			defer atomic.AddInt64(&inflight, -1)
		}
		pipeRequest(c, w, r)
	}
}

func healthHandler(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet {
		w.WriteHeader(http.StatusMethodNotAllowed)
		return
	}
	if _, err := os.Stat(lockFile); err != nil {
		w.WriteHeader(http.StatusServiceUnavailable)
		return
	}
	w.Write([]byte("OK"))
}

func main() {
	runHealthcheck := flag.Bool("run-healthcheck", false, "exit 0 when the lock file exists (for HEALTHCHECK)")
	flag.Parse()
	if *runHealthcheck {
		if _, err := os.Stat(lockFile); err != nil {
			os.Exit(1)
		}
		os.Exit(0)
	}
	c := readConfig()
	if c.fprocess == "" {
		log.Fatal("Provide a valid process via fprocess environmental variable.")
	}
	// No ServeMux: it would redirect unclean paths (//x) instead of invoking the function.
	function := functionHandler(c)
	handler := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/_/health" {
			healthHandler(w, r)
		} else {
			function(w, r)
		}
	})
	s := &http.Server{
		Addr:           fmt.Sprintf(":%d", c.port),
		Handler:        handler,
		ReadTimeout:    c.readTimeout,
		WriteTimeout:   c.writeTimeout,
		MaxHeaderBytes: 1 << 20,
	}
	log.Printf("Read/write timeout: %s, %s. Port: %d", c.readTimeout, c.writeTimeout, c.port)
	if !c.suppressLock {
		log.Printf("Writing lock-file to: %s", lockFile)
		if err := os.WriteFile(lockFile, nil, 0o660); err != nil {
			log.Fatalf("Cannot write %s: %s", lockFile, err)
		}
	}
	go func() {
		sig := make(chan os.Signal, 1)
		signal.Notify(sig, syscall.SIGTERM, syscall.SIGINT)
		<-sig
		log.Printf("SIGTERM received.. shutting down server in %s", c.healthInterval)
		os.Remove(lockFile)
		time.Sleep(c.healthInterval)
		ctx, cancel := context.WithTimeout(context.Background(), c.writeTimeout)
		defer cancel()
		s.Shutdown(ctx) // drains in-flight requests, up to write_timeout
	}()
	if err := s.ListenAndServe(); err != http.ErrServerClosed {
		log.Fatal(err)
	}
}
