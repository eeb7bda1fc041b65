<?php

namespace App;

class Handler
{
    public function handle($data)
    {
        $home = getenv('HOME');
        file_put_contents($home . '/probe', 'written');
        return file_get_contents($home . '/probe') . " in $home, " . preg_match_all('/./us', $data) . ' chars';
    }
}
