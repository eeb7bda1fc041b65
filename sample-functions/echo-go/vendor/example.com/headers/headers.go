// Package headers stands for a third-party module: vendored (`go mod vendor`), it builds without a module proxy.
package headers

import "net/http"

// CopyContentType gives the response the request's Content-Type, when it has one.
func CopyContentType(w http.ResponseWriter, r *http.Request) {
	if ct := r.Header.Get("Content-Type"); ct != "" {
		w.Header().Set("Content-Type", ct)
	}
}
