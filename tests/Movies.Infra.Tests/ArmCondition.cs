namespace Movies.Infra.Tests;

/// <summary>Evaluates the small part of ARM's expression language a deployment option's branches use, on a resolved
/// expression (<see cref="ArmScope.Resolve"/>) with one boolean root parameter given a value: <c>if</c>, <c>not</c>,
/// <c>empty</c>, string literals, <c>true</c>/<c>false</c> and that parameter. Anything else is an error, so a test
/// never passes on an expression it did not understand.</summary>
internal static class ArmCondition
{
    public static object Evaluate(string expression, string parameter, bool value)
    {
        var text = Unwrap(expression.Trim());
        if (text == parameter)
        {
            return value;
        }

        if (text is "true" or "true()")
        {
            return true;
        }

        if (text is "false" or "false()")
        {
            return false;
        }

        if (text.Length >= 2 && text[0] == '\'' && text[^1] == '\'' && text.IndexOf('\'', 1) == text.Length - 1)
        {
            return text[1..^1];
        }

        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open > 0 && ArmScope.Closing(text, open) == text.Length - 1)
        {
            var arguments = Arguments(text[(open + 1)..^1]);
            switch (text[..open])
            {
                case "if" when arguments.Count == 3:
                    return (bool)Evaluate(arguments[0], parameter, value) ? Evaluate(arguments[1], parameter, value) : Evaluate(arguments[2], parameter, value);
                case "not" when arguments.Count == 1:
                    return !(bool)Evaluate(arguments[0], parameter, value);
                case "empty" when arguments.Count == 1:
                    return Evaluate(arguments[0], parameter, value) is string s && s.Length == 0;
            }
        }

        throw new NotSupportedException($"Not an expression this evaluator knows: {expression}");
    }

    /// <summary>The expression without parentheses that wrap all of it.</summary>
    public static string Unwrap(string text)
    {
        while (text.Length > 1 && text[0] == '(' && ArmScope.Closing(text, 0) == text.Length - 1)
        {
            text = text[1..^1].Trim();
        }

        return text;
    }

    private static List<string> Arguments(string text)
    {
        var arguments = new List<string>();
        for (var rest = text; ; rest = rest[(arguments[^1].Length + 1)..])
        {
            arguments.Add(ArmScope.FirstArgument(rest));
            if (arguments[^1].Length == rest.Length)
            {
                return arguments;
            }
        }
    }
}
