// Package greeting stands for a third-party module: vendored (`go mod vendor`), it builds without a module proxy.
package greeting

import "fmt"

// Hello greets a name.
func Hello(name string) string {
	return fmt.Sprintf("Hello, %s", name)
}
