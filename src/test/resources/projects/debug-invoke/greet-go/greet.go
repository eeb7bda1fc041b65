// Package greet is a gitlab/runtimes/go function. DebugIT sets its breakpoint on the `greeting := ...` line
// (line 12): keep it there.
package greet

import (
	"fmt"
	"net/http"
)

func Greet(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	greeting := fmt.Sprintf("hello %s", name)
	w.Header().Set("Content-Type", "text/plain")
	fmt.Fprint(w, greeting)
}
