# A minimal HTTP server: answers every request with 200 "ok".
use strict;
use IO::Socket::INET;
my $server = IO::Socket::INET->new(LocalPort => $ENV{PORT} || 8080, Listen => 16, ReuseAddr => 1) or die "listen: $!";
$SIG{TERM} = sub { exit 0 };
while (my $client = $server->accept) {
    while (my $line = <$client>) { last if $line =~ /^\r?$/ }
    print $client "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 3\r\nConnection: close\r\n\r\nok\n";
    close $client;
}
