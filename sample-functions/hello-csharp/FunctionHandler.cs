using System;

namespace Function
{
    public class FunctionHandler
    {
        // Greets the request body (all of it, as Program.cs reads stdin whole).
        public string Handle(string input)
        {
            return $"Hello, {input}";
        }
    }
}
