# GitLab ruby runtime: serves `Class.method` (FUNCTION_HANDLER, e.g. MyEcho.my_function) over
# HTTP. A small HTTP/1.1 loop on TCPServer because WEBrick left Ruby's standard library in 3.0
# and gems cannot be installed offline. Every method on every path invokes the function; the
# body is unmarshalled and the result marshalled as the nodejs runtime does.
require 'json'
require 'socket'
require 'uri'

$stdout.sync = $stderr.sync = true
FUNCTION_DIR = ENV.fetch('FUNCTION_DIR', '/app/function')
PORT = Integer(ENV.fetch('PORT', '8080'))

if File.exist?(File.join(FUNCTION_DIR, 'Gemfile'))
  ENV['BUNDLE_GEMFILE'] ||= File.join(FUNCTION_DIR, 'Gemfile')
  require 'bundler/setup'
end
Dir[File.join(FUNCTION_DIR, '*.rb')].sort.each { |f| require f }

klass_name, method_name = ENV.fetch('FUNCTION_HANDLER', '').split('.', 2)
abort "devserver ruby runtime: handler must be Class.method (e.g. MyEcho.my_function), got #{ENV['FUNCTION_HANDLER'].inspect}" unless method_name
FUNCTION = begin
  Object.const_get(klass_name).method(method_name)
rescue NameError => e
  abort "devserver ruby runtime: handler #{ENV['FUNCTION_HANDLER']}: #{e.message} (loaded #{FUNCTION_DIR}/*.rb)"
end

class ClientError < StandardError; end

def unmarshal(body, content_type)
  type = content_type.to_s.split(';').first.to_s.strip.downcase
  if type == 'application/json' || type.end_with?('+json')
    begin
      JSON.parse(body.force_encoding('UTF-8'))
    rescue JSON::ParserError => e
      raise ClientError, "Invalid JSON request body (Content-Type #{type}): #{e.message}\n"
    end
  elsif type == 'application/x-www-form-urlencoded'
    URI.decode_www_form(body.force_encoding('UTF-8')).to_h
  elsif type.empty? || type.start_with?('text/')
    body.force_encoding('UTF-8')
  else
    body # binary String
  end
end

# [content type, body]; nil gives an empty 200 as in the nodejs runtime.
def marshal(result)
  case result
  when nil then [nil, '']
  when String
    result.encoding == Encoding::BINARY ? ['application/octet-stream', result] : ['text/plain; charset=utf-8', result]
  else ['application/json', JSON.generate(result)]
  end
end

def respond(sock, status, type, body, keep_alive)
  reason = { 200 => 'OK', 400 => 'Bad Request', 500 => 'Internal Server Error' }[status]
  head = "HTTP/1.1 #{status} #{reason}\r\nContent-Length: #{body.bytesize}\r\n"
  head << "Content-Type: #{type}\r\n" if type
  head << "Connection: #{keep_alive ? 'keep-alive' : 'close'}\r\n\r\n"
  sock.write(head, body)
end

def read_body(sock, headers)
  if headers['transfer-encoding'].to_s.downcase.include?('chunked')
    body = +''
    while (size = sock.gets.to_s.split(';').first.to_i(16)) > 0
      body << sock.read(size)
      sock.gets # CRLF after each chunk
    end
    sock.gets while (line = sock.gets) && line != "\r\n" # trailers
    body.b
  else
    sock.read(headers['content-length'].to_i).to_s.b
  end
end

def invoke(body, content_type)
  data = unmarshal(body, content_type)
  [200, *marshal(FUNCTION.arity.zero? ? FUNCTION.call : FUNCTION.call(data))]
rescue ClientError => e
  [400, 'text/plain; charset=utf-8', e.message]
rescue StandardError, ScriptError => e
  warn "#{e.class}: #{e.message}\n\t#{e.backtrace.join("\n\t")}"
  [500, 'text/plain; charset=utf-8', e.message]
end

def serve(sock)
  loop do
    request_line = sock.gets or break
    next if request_line == "\r\n"
    version = request_line.split(' ')[2].to_s
    headers = {}
    while (line = sock.gets) && line != "\r\n"
      name, value = line.split(':', 2)
      headers[name.strip.downcase] = value.to_s.strip
    end
    sock.write("HTTP/1.1 100 Continue\r\n\r\n") if headers['expect'].to_s.casecmp?('100-continue')
    body = read_body(sock, headers)
    conn = headers['connection'].to_s.downcase
    keep_alive = version == 'HTTP/1.1' ? conn != 'close' : conn == 'keep-alive'
    respond(sock, *invoke(body, headers['content-type']), keep_alive)
    break unless keep_alive
  end
rescue IOError, SystemCallError
  nil # client went away
ensure
  sock.close
end

server = TCPServer.new('0.0.0.0', PORT)
puts "HTTP running on 0.0.0.0:#{PORT}"
trap('TERM') { exit } # as PID 1, Ruby would otherwise make `docker stop` wait
loop { Thread.new(server.accept) { |sock| serve(sock) } }
