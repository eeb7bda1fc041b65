// Package echo is a gitlab/runtimes/go function: handler Echo writes the request body back
// with the request's Content-Type.
package echo

import (
	"io"
	"net/http"
)

func Echo(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
	io.Copy(w, r.Body)
}
