# syntax=docker/dockerfile:1
# Build a static binary, then run it as a non-root user in a minimal image.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/newsfacts ./cmd/newsfacts

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/newsfacts /usr/local/bin/newsfacts
COPY --from=build /src/seeds /seeds
USER nonroot:nonroot
EXPOSE 8080
ENTRYPOINT ["/usr/local/bin/newsfacts"]
CMD ["serve"]
