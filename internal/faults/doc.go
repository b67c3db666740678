// Package faults holds fault-injection tests and nothing else: they start a private PostgreSQL
// cluster from the installed server binaries under a temporary directory, never the shared
// server, and stop, restart or freeze it under load (see faults_test.go).
package faults
