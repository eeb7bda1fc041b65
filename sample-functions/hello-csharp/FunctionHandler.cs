using System;

namespace Function
{
    public class FunctionHandler
    {
        // Greets the request body (Program.cs gives each line back its newline).
        public string Handle(string input)
        {
            return $"Hello, {input}";
        }
    }
}
