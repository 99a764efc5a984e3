// Command kioskpin reads a staff PIN (six digits or more) on standard
// input and prints the admin_pin_hash line for a kiosk file.
package main

import (
	"bufio"
	"fmt"
	"os"
	"strings"

	"jiangsupass/kiosk"
)

func main() {
	fmt.Fprint(os.Stderr, "staff PIN: ")
	line, err := bufio.NewReader(os.Stdin).ReadString('\n')
	if err != nil && line == "" {
		fmt.Fprintln(os.Stderr, "kioskpin: no PIN given")
		os.Exit(2)
	}
	h, err := kiosk.HashPIN(strings.TrimSpace(line))
	if err != nil {
		fmt.Fprintln(os.Stderr, "kioskpin:", err)
		os.Exit(2)
	}
	fmt.Printf("admin_pin_hash = %q\n", h)
}
