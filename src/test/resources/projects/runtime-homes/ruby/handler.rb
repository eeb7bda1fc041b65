class Handler
  def run(req)
    file = File.join(Dir.home, 'probe')
    File.write(file, 'written')
    "#{File.read(file)} in #{Dir.home}, #{req.encoding} body, #{req.length} chars"
  end
end
