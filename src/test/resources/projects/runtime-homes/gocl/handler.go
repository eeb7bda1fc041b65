package function

import (
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"
)

// Handle writes a file in the user's HOME and counts the body's characters.
func Handle(req []byte) string {
	home, _ := os.UserHomeDir()
	file := filepath.Join(home, "probe")
	if err := os.WriteFile(file, []byte("written"), 0o600); err != nil {
		return err.Error()
	}
	content, _ := os.ReadFile(file)
	return fmt.Sprintf("%s in %s, %d chars", content, home, utf8.RuneCount(req))
}
