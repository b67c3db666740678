// Package client is the Go SDK of the newsfacts API, generated from openapi.yaml by
// oapi-codegen. Do not edit client.gen.go; change openapi.yaml and run `go generate ./api/...`.
//
//	c, err := client.NewClientWithResponses("http://localhost:8080")
//	q := "putn"
//	res, err := c.ListEntitiesWithResponse(ctx, &client.ListEntitiesParams{Q: &q})
//	for _, e := range res.JSON200.Data { fmt.Println(e.Id, e.Name) }
package client

//go:generate go tool oapi-codegen -config oapi-codegen.yaml ../../openapi.yaml
