package home

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// Home writes a file in the user's HOME and counts the body's characters.
func Home(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	home, _ := os.UserHomeDir()
	file := filepath.Join(home, "probe")
	if err := os.WriteFile(file, []byte("written"), 0o600); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	content, _ := os.ReadFile(file)
	fmt.Fprintf(w, "%s in %s, %d chars", content, home, utf8.RuneCount(body))
}
