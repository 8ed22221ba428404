package cluster

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestDbg(t *testing.T) {
	if os.Getenv("DIAG") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../../shared/seeds/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		fmt.Println(filepath.Base(f), GuessEntities("", string(b)))
	}
}
