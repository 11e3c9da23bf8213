package msg

// viMessages is the Vietnamese of every message: English format (the key,
// exactly as written in the code) -> Vietnamese, with the same verbs in the
// same order, or explicit argument indexes (%[2]s) when the order differs.
// Keep it sorted; add a message with one line.
var viMessages = map[string]string{
	"warning: %s": "cảnh báo: %s",
}
