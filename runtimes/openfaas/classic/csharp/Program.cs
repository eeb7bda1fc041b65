// OpenFaaS csharp template's Program.cs: all of stdin, byte for byte (the template's
// Console.In.ReadToEnd() since 2019), to Function.FunctionHandler.Handle; the result is written as is.
using System;
using Function;

namespace root
{
    class Program
    {
        static void Main(string[] args)
        {
            string buffer = Console.In.ReadToEnd();
            FunctionHandler f = new FunctionHandler();
            string responseValue = f.Handle(buffer);
            if (responseValue != null)
            {
                Console.Write(responseValue);
            }
        }
    }
}
