package cms

// The version of Decap CMS that the admin page loads, and the Subresource
// Integrity hash of its dist/decap-cms.js. This is the one place they are
// written: .ci/run installs this version from npm, and TestPinnedScript
// checks the hash against the file it installed.
const (
	DecapVersion   = "3.16.3"
	DecapIntegrity = "sha384-A/Gdn928CNLufmnGWGs9RM4Q9o8bSNLeJERqBFrBjwzL7FRpoLT3MPF8Tl0+Wd2p"
)

// DefaultScript is where the admin page loads the pinned version from,
// unless [cms] script says otherwise: a public CDN that serves npm
// packages as published.
const DefaultScript = "https://cdn.jsdelivr.net/npm/decap-cms@" + DecapVersion + "/dist/decap-cms.js"
