package hello

import (
	"io"
	"net/http"

	"example.com/greet"
)

// Greet answers with the vendored module's greeting for the request body.
func Greet(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	io.WriteString(w, greet.Hello(string(body)))
}
