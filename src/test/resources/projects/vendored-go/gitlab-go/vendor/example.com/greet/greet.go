// Package greet is a dependency the function vendors, as `go mod vendor` would lay it out.
package greet

// Hello greets someone.
func Hello(name string) string {
	return "Hello from a vendored module, " + name
}
