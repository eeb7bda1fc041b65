using System;
using System.IO;

namespace Function
{
    public class FunctionHandler
    {
        public string Handle(string input)
        {
            string home = Environment.GetEnvironmentVariable("HOME");
            File.WriteAllText(Path.Combine(home, "probe"), "written");
            return File.ReadAllText(Path.Combine(home, "probe")) + " in " + home + ", " + input.Length + " chars";
        }
    }
}
