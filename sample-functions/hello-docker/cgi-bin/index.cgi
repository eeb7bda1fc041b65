#!/bin/sh
# CGI: the request arrives in environment variables (REQUEST_METHOD, QUERY_STRING, ...) and the body on stdin.
printf 'Content-Type: text/plain\r\n\r\n'
echo "Hello from a Dockerfile function ($REQUEST_METHOD)"
