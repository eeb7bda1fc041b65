<?php

namespace App;

class Handler
{
    // Greets the request body.
    public function handle($data)
    {
        return "Hello, " . $data;
    }
}
