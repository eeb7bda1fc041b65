# OpenFaaS ruby template's index.rb: stdin to Handler#run, result printed with `puts`.
require_relative 'function/handler'

req = ARGF.read

handler = Handler.new
res = handler.run req

puts res
