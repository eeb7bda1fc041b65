package function

import "example.com/greeting"

// Handle greets the request body with its one dependency (vendored in vendor/).
func Handle(req []byte) string {
	return greeting.Hello(string(req))
}
