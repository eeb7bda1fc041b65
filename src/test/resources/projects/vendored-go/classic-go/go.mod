module handler/function

go 1.21

require example.com/greet v1.2.0
