class Home
  def self.write(data)
    file = File.join(Dir.home, 'probe')
    File.write(file, 'written')
    # The body is forced to UTF-8 by the runtime; a file read goes by the default external encoding.
    "#{File.read(file)} in #{Dir.home}, #{File.read(file).encoding} reads, #{data.length} chars"
  end
end
