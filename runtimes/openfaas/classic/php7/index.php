<?php
// OpenFaaS php7 template's index.php: stdin to App\Handler::handle($data), echoed without a
// newline. Composer's autoloader when function/composer.json was installed, else App\ maps to
// function/src/ as the template's PSR-4 rule does.
if (file_exists(__DIR__ . '/function/vendor/autoload.php')) {
    require __DIR__ . '/function/vendor/autoload.php';
}
spl_autoload_register(function ($class) {
    if (strpos($class, 'App\\') === 0) {
        $file = __DIR__ . '/function/src/' . str_replace('\\', '/', substr($class, 4)) . '.php';
        if (file_exists($file)) {
            require $file;
        }
    }
});

$stdin = fopen('php://stdin', 'r');
$data = stream_get_contents($stdin);
$response = (new App\Handler())->handle($data);
echo $response;
