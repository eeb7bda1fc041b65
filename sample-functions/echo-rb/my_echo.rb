# Handler MyEcho.my_function: echoes the request data back (JSON in, the same JSON out).
class MyEcho
  def self.my_function(data)
    data
  end
end
