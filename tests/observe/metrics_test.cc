#include "observe/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <thread>

namespace dateline::observe {
namespace {

using ::testing::HasSubstr;

TEST(Metrics, CounterFamilyRendersHelpTypeAndLabelledSamples) {
  Registry r;
  auto& f = r.AddCounter("dateline_dead_letters_total", "Dead letters by code.", {"code"});
  f.With({"too_large"}).Inc(3);
  f.With({"empty_input"}).Inc();
  EXPECT_EQ(r.Render(),
            "# HELP dateline_dead_letters_total Dead letters by code.\n"
            "# TYPE dateline_dead_letters_total counter\n"
            "dateline_dead_letters_total{code=\"empty_input\"} 1\n"
            "dateline_dead_letters_total{code=\"too_large\"} 3\n");
}

TEST(Metrics, WithReturnsTheSameChildForTheSameLabels) {
  Registry r;
  auto& f = r.AddCounter("c_total", "c", {"a", "b"});
  EXPECT_EQ(&f.With({"x", "y"}), &f.With({"x", "y"}));
  EXPECT_NE(&f.With({"x", "y"}), &f.With({"y", "x"}));
  EXPECT_THROW(f.With({"x"}), std::invalid_argument);
}

TEST(Metrics, GaugeValuesAndSpecialFloats) {
  Registry r;
  auto& g = r.AddGauge("g", "a gauge", {"k"});
  g.With({"half"}).Set(0.5);
  g.With({"inf"}).Set(std::numeric_limits<double>::infinity());
  g.With({"nan"}).Set(std::nan(""));
  g.With({"neg"}).Set(-2);
  g.With({"neg"}).Add(0.25);
  const std::string text = r.Render();
  EXPECT_THAT(text, HasSubstr("g{k=\"half\"} 0.5\n"));
  EXPECT_THAT(text, HasSubstr("g{k=\"inf\"} +Inf\n"));
  EXPECT_THAT(text, HasSubstr("g{k=\"nan\"} NaN\n"));
  EXPECT_THAT(text, HasSubstr("g{k=\"neg\"} -1.75\n"));
  EXPECT_THAT(text, HasSubstr("# TYPE g gauge\n"));
}

TEST(Metrics, LabelValuesAndHelpAreEscaped) {
  Registry r;
  r.AddCounter("e_total", "line one\nback\\slash", {"v"}).With({"a\"b\\c\nd"}).Inc();
  const std::string text = r.Render();
  EXPECT_THAT(text, HasSubstr("# HELP e_total line one\\nback\\\\slash\n"));
  EXPECT_THAT(text, HasSubstr("e_total{v=\"a\\\"b\\\\c\\nd\"} 1\n"));
}

TEST(Metrics, HistogramBucketsAreCumulativeWithInfSumAndCount) {
  Registry r;
  auto& h = r.AddHistogram("d_seconds", "durations", {0.1, 1, 10}, {"stage"}).With({"decode"});
  for (double v : {0.05, 0.1, 0.5, 2.0, 20.0}) h.Observe(v);
  const std::string text = r.Render();
  EXPECT_THAT(text, HasSubstr("# TYPE d_seconds histogram\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_bucket{stage=\"decode\",le=\"0.1\"} 2\n"));  // le is inclusive
  EXPECT_THAT(text, HasSubstr("d_seconds_bucket{stage=\"decode\",le=\"1\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_bucket{stage=\"decode\",le=\"10\"} 4\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_bucket{stage=\"decode\",le=\"+Inf\"} 5\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_sum{stage=\"decode\"} 22.65\n"));
  EXPECT_THAT(text, HasSubstr("d_seconds_count{stage=\"decode\"} 5\n"));
}

TEST(Metrics, UnlabelledHistogramHasOnlyTheLeLabel) {
  Registry r;
  r.AddHistogram("l_seconds", "latency", {1}).With({}).Observe(0.5);
  EXPECT_THAT(r.Render(), HasSubstr("l_seconds_bucket{le=\"1\"} 1\nl_seconds_bucket{le=\"+Inf\"} 1\nl_seconds_sum 0.5\n"));
}

TEST(Metrics, RejectsBadNamesDuplicatesAndBounds) {
  Registry r;
  EXPECT_THROW(r.AddCounter("1abc", "x"), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("a-b", "x"), std::invalid_argument);
  EXPECT_THROW(r.AddCounter("ok_total", "x", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("h", "x", {1}, {"le"}), std::invalid_argument);
  EXPECT_THROW(r.AddHistogram("h2", "x", {2, 1}), std::invalid_argument);
  r.AddCounter("ns:ok_total", "x");
  EXPECT_THROW(r.AddGauge("ns:ok_total", "x"), std::invalid_argument);
}

TEST(Metrics, DecadeBuckets) {
  const auto b = DecadeBuckets(0.001, 1);
  ASSERT_EQ(b.size(), 10u);
  EXPECT_DOUBLE_EQ(b.front(), 0.001);
  EXPECT_DOUBLE_EQ(b[1], 0.0025);
  EXPECT_DOUBLE_EQ(b.back(), 1);
}

TEST(Metrics, ConcurrentUpdatesAreNotLostAndRenderingMeanwhileIsSafe) {
  Registry r;
  Counter& c = r.AddCounter("n_total", "n").With({});
  Histogram& h = r.AddHistogram("h_seconds", "h", {0.5}).With({});
  constexpr int kThreads = 4, kEach = 50000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        c.Inc();
        h.Observe(i % 2 ? 0.25 : 1.0);
      }
    });
  }
  for (int i = 0; i < 20; ++i) r.Render();
  for (auto& t : threads) t.join();
  EXPECT_EQ(c.value(), uint64_t{kThreads} * kEach);
  const auto s = h.Read();
  EXPECT_EQ(s.count, uint64_t{kThreads} * kEach);
  EXPECT_EQ(s.cumulative[0], uint64_t{kThreads} * kEach / 2);
  EXPECT_DOUBLE_EQ(s.sum, kThreads * (kEach / 2 * 0.25 + kEach / 2 * 1.0));
}

TEST(Metrics, ClearDropsChildren) {
  Registry r;
  auto& lag = r.AddGauge("lag", "lag", {"topic", "partition"});
  lag.With({"t", "0"}).Set(5);
  lag.Clear();
  lag.With({"t", "1"}).Set(0);
  const std::string text = r.Render();
  EXPECT_THAT(text, ::testing::Not(HasSubstr("partition=\"0\"")));
  EXPECT_THAT(text, HasSubstr("lag{topic=\"t\",partition=\"1\"} 0\n"));
}

}  // namespace
}  // namespace dateline::observe
