using GenesysConvo.Core.Conversations.Watch;
using Xunit;

namespace GenesysConvo.Core.Tests;

/// <summary>What changed between two states of a watched conversation (Watch-GenesysConversation's Change).</summary>
public sealed class ChangeReaderTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private static ActiveConversation State(ConversationStep step, string? agentId = null, string? queueId = "q1") =>
        new() { ConversationId = "c-1", Step = step, AgentId = agentId, QueueId = queueId };

    [Fact]
    public void A_call_through_queue_agent_hold_and_wrap_up()
    {
        var reader = new ChangeReader();
        var steps = new[]
        {
            State(ConversationStep.WaitingInQueue), State(ConversationStep.Alerting, "u1"), State(ConversationStep.Talking, "u1"),
            State(ConversationStep.OnHold, "u1"), State(ConversationStep.Talking, "u1"), State(ConversationStep.AfterCallWork, "u1"),
            State(ConversationStep.Ended, "u1"),
        };
        var changes = steps.Select((s, i) => reader.Read(s, "body" + i, At)).ToList();
        Assert.Equal(new[]
        {
            ConversationChange.EnteredQueue, ConversationChange.Alerting, ConversationChange.Connected, ConversationChange.Held,
            ConversationChange.Resumed, ConversationChange.AfterCallWork, ConversationChange.Ended,
        }, changes);
        Assert.Equal(0, reader.Count); // an ended conversation is forgotten: memory stays flat
    }

    [Fact]
    public void Ending_without_reaching_an_agent_is_an_abandon()
    {
        var reader = new ChangeReader();
        reader.Read(State(ConversationStep.WaitingInQueue), "a", At);
        reader.Read(State(ConversationStep.Alerting, "u1"), "b", At);
        Assert.Equal(ConversationChange.Abandoned, reader.Read(State(ConversationStep.Ended), "c", At));
    }

    [Fact]
    public void Another_agent_or_queue_at_the_same_step_is_a_transfer()
    {
        var reader = new ChangeReader();
        reader.Read(State(ConversationStep.Talking, "u1"), "a", At);
        Assert.Equal(ConversationChange.Transferred, reader.Read(State(ConversationStep.Talking, "u2"), "b", At));
        Assert.Equal(ConversationChange.Updated, reader.Read(State(ConversationStep.Talking, "u2"), "c", At));
        Assert.Equal(ConversationChange.Transferred, reader.Read(State(ConversationStep.WaitingInQueue, null, "q2"), "d", At));
    }

    [Fact]
    public void The_same_body_again_is_a_repeat_and_a_snapshot_is_the_base_of_the_next_change()
    {
        var reader = new ChangeReader();
        reader.Read(State(ConversationStep.WaitingInQueue), "same", At);
        Assert.True(reader.IsRepeat("c-1", "same"));
        Assert.False(reader.IsRepeat("c-1", "other"));

        reader.Forget();
        reader.Remember(State(ConversationStep.Talking, "u1"), At);
        Assert.Equal(ConversationChange.Held, reader.Read(State(ConversationStep.OnHold, "u1"), "x", At));
        Assert.Equal(At, reader.FirstSeen("c-1"));
    }

    [Theory]
    [InlineData("acd.start", null, ConversationChange.EnteredQueue)]
    [InlineData("acd.end", "ABANDON", ConversationChange.Abandoned)]
    [InlineData("acd.end", "ANSWERED", ConversationChange.LeftQueue)]
    [InlineData("user.start", null, ConversationChange.Alerting)]
    [InlineData("acw", null, ConversationChange.WrapUpDone)]
    [InlineData("customer.end", null, ConversationChange.CustomerLeft)]
    public void Detail_events_say_what_happened(string suffix, string? outcome, ConversationChange expected) =>
        Assert.Equal(expected, ChangeReader.OfDetail(suffix, outcome));
}
