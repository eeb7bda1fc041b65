class Handler
  # Greets the request body.
  def run(req)
    "Hello, #{req}"
  end
end
