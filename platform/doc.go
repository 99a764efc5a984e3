// Package platform is the contract between the app and the province's
// platform APIs: the wire types, the OpenAPI document that defines them
// (openapi.yaml, embedded as [OpenAPI]) and a client built on go-resty.
//
// The client times out, retries network errors and 5xx answers with
// exponential backoff and jitter (never 4xx), asks for gzip, sends the
// bearer token and refreshes it once when it has expired, and names the
// user's language and the app's version in every request.
//
// The reference server in platform/server implements the same contract.
// The package does not import Fyne.
package platform

import _ "embed"

// OpenAPI is the contract, an OpenAPI 3.1 document in YAML.
//
//go:embed openapi.yaml
var OpenAPI []byte
