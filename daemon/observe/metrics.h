// Metrics: a small registry of counters, gauges and histograms with label
// sets, rendered in the Prometheus text exposition format 0.0.4.
//
// Threads: every metric may be updated from any thread; updates are relaxed
// atomic operations (no lock on the hot path). Looking up a labelled child
// (Family::With) takes the family's mutex: resolve children once on a cold
// path and keep the reference. References stay valid for the registry's
// lifetime unless the family is Clear()ed. Render() may run concurrently with
// updates; each value it prints is one atomic read, so a scrape is consistent
// per sample, not across samples.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace dateline::observe {

class Counter {
 public:
  void Inc(uint64_t n = 1) { value_.fetch_add(n, std::memory_order_relaxed); }
  // For counters mirrored from another source's running total (e.g. librdkafka's statistics).
  void Set(uint64_t total) { value_.store(total, std::memory_order_relaxed); }
  uint64_t value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<uint64_t> value_{0};
};

class Gauge {
 public:
  void Set(double v) { value_.store(v, std::memory_order_relaxed); }
  void Add(double d) { value_.fetch_add(d, std::memory_order_relaxed); }
  double value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0};
};

class Histogram {
 public:
  // `bounds`: the buckets' upper bounds, strictly increasing (+Inf is implicit).
  explicit Histogram(std::vector<double> bounds);
  void Observe(double v);

  struct Snapshot {
    std::vector<double> bounds;
    std::vector<uint64_t> cumulative;  // one per bound, then +Inf (== count)
    double sum = 0;
    uint64_t count = 0;
  };
  Snapshot Read() const;

 private:
  std::vector<double> bounds_;
  std::unique_ptr<std::atomic<uint64_t>[]> buckets_;  // bounds_.size() + 1
  std::atomic<double> sum_{0};
};

// Buckets for durations in seconds from `start`, multiplying by 2.5, 2, 2 (1, 2.5, 5, 10...).
std::vector<double> DecadeBuckets(double start, double stop);

// A metric name with a fixed list of label names; one child per label-value tuple.
class FamilyBase {
 public:
  FamilyBase(std::string name, std::string help, std::vector<std::string> label_names);
  virtual ~FamilyBase() = default;
  virtual void Render(std::string* out) const = 0;
  const std::string& name() const { return name_; }

 protected:
  // `name{labels,extra}` for one sample; `extra` is an already-formatted label (may be empty).
  void AppendSample(std::string* out, std::string_view suffix, const std::vector<std::string>& values,
                    std::string_view extra, std::string_view value) const;
  void AppendHeader(std::string* out, std::string_view type) const;

  std::string name_;
  std::string help_;
  std::vector<std::string> label_names_;
};

template <typename M>
class Family final : public FamilyBase {
 public:
  template <typename... Args>
  Family(std::string name, std::string help, std::vector<std::string> label_names, Args&&... args)
      : FamilyBase(std::move(name), std::move(help), std::move(label_names)),
        make_([=] { return std::make_unique<M>(args...); }) {}

  // The child for these label values (created on first use). Throws
  // std::invalid_argument when the number of values does not match the names.
  M& With(const std::vector<std::string>& values);
  // Drops every child (for gauges that mirror a changing set, like per-partition lag).
  void Clear() {
    std::lock_guard lock(mu_);
    children_.clear();
  }
  void Render(std::string* out) const override;

 private:
  std::function<std::unique_ptr<M>()> make_;
  mutable std::mutex mu_;
  std::map<std::vector<std::string>, std::unique_ptr<M>> children_;
};

template <>
void Family<Counter>::Render(std::string* out) const;
template <>
void Family<Gauge>::Render(std::string* out) const;
template <>
void Family<Histogram>::Render(std::string* out) const;
extern template class Family<Counter>;
extern template class Family<Gauge>;
extern template class Family<Histogram>;

class Registry {
 public:
  // Names must match [a-zA-Z_:][a-zA-Z0-9_:]*, label names [a-zA-Z_][a-zA-Z0-9_]*
  // (not starting with "__", not "le" for histograms); a name may be registered once.
  // Violations are programming errors: std::invalid_argument.
  Family<Counter>& AddCounter(const std::string& name, const std::string& help,
                              std::vector<std::string> label_names = {});
  Family<Gauge>& AddGauge(const std::string& name, const std::string& help,
                          std::vector<std::string> label_names = {});
  Family<Histogram>& AddHistogram(const std::string& name, const std::string& help, std::vector<double> bounds,
                                  std::vector<std::string> label_names = {});

  // Every family in registration order, in the text format 0.0.4.
  std::string Render() const;

 private:
  void CheckNew(const std::string& name, const std::vector<std::string>& label_names, bool histogram);

  mutable std::mutex mu_;
  std::vector<std::unique_ptr<FamilyBase>> families_;
};

// Value formatting as the text format expects it (NaN, +Inf, -Inf, shortest round-trip).
std::string FormatValue(double v);
// Label value escaping: backslash, double quote and newline.
std::string EscapeLabelValue(std::string_view v);

inline constexpr const char* kPrometheusContentType = "text/plain; version=0.0.4; charset=utf-8";

}  // namespace dateline::observe
