package fetch

import (
	"fmt"
	"net/http"
)

// Fetch makes an HTTPS call, which needs the image's CA certificates (plus the proxy's CA where TLS is inspected).
func Fetch(w http.ResponseWriter, r *http.Request) {
	resp, err := http.Head("https://registry.npmjs.org/is-number")
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	resp.Body.Close()
	fmt.Fprintf(w, "HTTPS %d", resp.StatusCode)
}
