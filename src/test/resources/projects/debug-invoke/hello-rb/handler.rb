# DebugIT sets its breakpoint on the `greeting = ...` line (line 4): keep it there.
class Handler
  def run(req)
    greeting = "hello #{req}"
    greeting
  end
end
