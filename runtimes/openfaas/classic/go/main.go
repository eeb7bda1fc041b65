// OpenFaaS go template's main.go: stdin to function.Handle, printed with a trailing newline.
// FUNCTION_MODULE is replaced at build by the function's module path (handler/function without a go.mod).
package main

import (
	"fmt"
	"io/ioutil"
	"log"
	"os"

	function "FUNCTION_MODULE"
)

func main() {
	input, err := ioutil.ReadAll(os.Stdin)
	if err != nil {
		log.Fatalf("Unable to read standard input: %s", err.Error())
	}

	fmt.Println(function.Handle(input))
}
