package function

import "fmt"

// Handle greets the request body.
func Handle(req []byte) string {
	return fmt.Sprintf("Hello, %s", string(req))
}
