<?php

namespace Greeting;

// A namespace of the function's own, found through composer.json's autoload.
class Formatter
{
    public static function greet($name)
    {
        return "Hello, " . $name;
    }
}
