# DebugIT sets its breakpoint on the `greeting = ...` line (line 4): keep it there.
class Greeter
  def self.greet(data)
    greeting = "hello #{data.is_a?(Hash) ? data['name'] : 'world'}"
    { 'greeting' => greeting }
  end
end
