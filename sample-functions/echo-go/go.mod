module example.com/echo

go 1.19

require example.com/headers v1.0.0
