<?php

namespace App;

use Greeting\Formatter;

class Handler
{
    // Greets the request body.
    public function handle($data)
    {
        return Formatter::greet($data);
    }
}
