// Package function is an openfaas/classic/go function. DebugIT sets its breakpoint on the `greeting := ...` line
// (line 8): keep it there.
package function

import "fmt"

func Handle(req []byte) string {
	greeting := fmt.Sprintf("hello %s", string(req))
	return greeting
}
