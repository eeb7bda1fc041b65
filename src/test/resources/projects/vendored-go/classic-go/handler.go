package function

import "example.com/greet"

// Handle answers with the vendored module's greeting for the request body.
func Handle(req []byte) string {
	return greet.Hello(string(req))
}
