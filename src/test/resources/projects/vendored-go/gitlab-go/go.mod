module example.com/hello

go 1.22.5

toolchain go1.23.1

require example.com/greet v1.2.0
