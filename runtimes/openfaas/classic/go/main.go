// OpenFaaS go template's main.go: stdin to function.Handle, printed with a trailing newline.
package main

import (
	"fmt"
	"io/ioutil"
	"log"
	"os"

	"handler/function"
)

func main() {
	input, err := ioutil.ReadAll(os.Stdin)
	if err != nil {
		log.Fatalf("Unable to read standard input: %s", err.Error())
	}

	fmt.Println(function.Handle(input))
}
