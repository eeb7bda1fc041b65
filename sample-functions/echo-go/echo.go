// Package echo is a gitlab/runtimes/go function: handler Echo writes the request body back
// with the request's Content-Type, set by its one dependency (vendored in vendor/).
package echo

import (
	"io"
	"net/http"

	"example.com/headers"
)

func Echo(w http.ResponseWriter, r *http.Request) {
	headers.CopyContentType(w, r)
	io.Copy(w, r.Body)
}
