// OpenFaaS csharp template's Program.cs: stdin, line by line (each line gets a newline back),
// to Function.FunctionHandler.Handle; the result is written without adding a newline.
using System;
using System.Text;
using Function;

namespace root
{
    class Program
    {
        private static string getStdin()
        {
            StringBuilder buffer = new StringBuilder();
            string s;
            while ((s = Console.ReadLine()) != null)
            {
                buffer.AppendLine(s);
            }
            return buffer.ToString();
        }

        static void Main(string[] args)
        {
            string buffer = getStdin();
            FunctionHandler f = new FunctionHandler();
            string responseValue = f.Handle(buffer);
            if (responseValue != null)
            {
                Console.Write(responseValue);
            }
        }
    }
}
