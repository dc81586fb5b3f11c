#include "observe/metrics.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <stdexcept>

namespace dateline::observe {
namespace {

bool ValidName(std::string_view s, bool allow_colon) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (allow_colon && c == ':');
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

std::string EscapeHelp(std::string_view v) {
  std::string out;
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string FormatValue(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

std::string EscapeLabelValue(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

Histogram::Histogram(std::vector<double> bounds) : bounds_(std::move(bounds)) {
  for (size_t i = 0; i < bounds_.size(); ++i) {
    if (std::isnan(bounds_[i]) || (i > 0 && !(bounds_[i] > bounds_[i - 1]))) {
      throw std::invalid_argument("histogram bounds must be strictly increasing");
    }
  }
  if (!bounds_.empty() && std::isinf(bounds_.back()) && bounds_.back() > 0) bounds_.pop_back();
  buckets_ = std::make_unique<std::atomic<uint64_t>[]>(bounds_.size() + 1);
}

void Histogram::Observe(double v) {
  // The first bucket whose bound is >= v ("le" semantics); NaN lands in +Inf.
  const size_t i = static_cast<size_t>(std::lower_bound(bounds_.begin(), bounds_.end(), v) - bounds_.begin());
  buckets_[i].fetch_add(1, std::memory_order_relaxed);
  sum_.fetch_add(v, std::memory_order_relaxed);
}

Histogram::Snapshot Histogram::Read() const {
  Snapshot s;
  s.bounds = bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= bounds_.size(); ++i) {
    running += buckets_[i].load(std::memory_order_relaxed);
    s.cumulative.push_back(running);
  }
  s.count = running;
  s.sum = sum_.load(std::memory_order_relaxed);
  return s;
}

std::vector<double> DecadeBuckets(double start, double stop) {
  std::vector<double> b;
  for (double decade = start; decade <= stop * 1.0000001; decade *= 10) {
    for (double m : {1.0, 2.5, 5.0}) {
      if (decade * m <= stop * 1.0000001) b.push_back(decade * m);
    }
  }
  return b;
}

FamilyBase::FamilyBase(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {}

void FamilyBase::AppendHeader(std::string* out, std::string_view type) const {
  *out += "# HELP ";
  *out += name_;
  *out += ' ';
  *out += EscapeHelp(help_);
  *out += "\n# TYPE ";
  *out += name_;
  *out += ' ';
  *out += type;
  *out += '\n';
}

void FamilyBase::AppendSample(std::string* out, std::string_view suffix, const std::vector<std::string>& values,
                              std::string_view extra, std::string_view value) const {
  *out += name_;
  *out += suffix;
  if (!values.empty() || !extra.empty()) {
    *out += '{';
    for (size_t i = 0; i < values.size(); ++i) {
      if (i) *out += ',';
      *out += label_names_[i];
      *out += "=\"";
      *out += EscapeLabelValue(values[i]);
      *out += '"';
    }
    if (!extra.empty()) {
      if (!values.empty()) *out += ',';
      *out += extra;
    }
    *out += '}';
  }
  *out += ' ';
  *out += value;
  *out += '\n';
}

template <typename M>
M& Family<M>::With(const std::vector<std::string>& values) {
  if (values.size() != label_names_.size()) {
    throw std::invalid_argument(name_ + ": expected " + std::to_string(label_names_.size()) + " label values");
  }
  std::lock_guard lock(mu_);
  auto& slot = children_[values];
  if (!slot) slot = make_();
  return *slot;
}

template <>
void Family<Counter>::Render(std::string* out) const {
  AppendHeader(out, "counter");
  std::lock_guard lock(mu_);
  for (const auto& [values, c] : children_) AppendSample(out, "", values, "", std::to_string(c->value()));
}

template <>
void Family<Gauge>::Render(std::string* out) const {
  AppendHeader(out, "gauge");
  std::lock_guard lock(mu_);
  for (const auto& [values, g] : children_) AppendSample(out, "", values, "", FormatValue(g->value()));
}

template <>
void Family<Histogram>::Render(std::string* out) const {
  AppendHeader(out, "histogram");
  std::lock_guard lock(mu_);
  for (const auto& [values, h] : children_) {
    const Histogram::Snapshot s = h->Read();
    for (size_t i = 0; i <= s.bounds.size(); ++i) {
      const std::string le = "le=\"" + (i < s.bounds.size() ? FormatValue(s.bounds[i]) : std::string("+Inf")) + "\"";
      AppendSample(out, "_bucket", values, le, std::to_string(s.cumulative[i]));
    }
    AppendSample(out, "_sum", values, "", FormatValue(s.sum));
    AppendSample(out, "_count", values, "", std::to_string(s.count));
  }
}

template class Family<Counter>;
template class Family<Gauge>;
template class Family<Histogram>;

void Registry::CheckNew(const std::string& name, const std::vector<std::string>& label_names, bool histogram) {
  if (!ValidName(name, true)) throw std::invalid_argument("invalid metric name: " + name);
  for (const auto& l : label_names) {
    if (!ValidName(l, false) || l.rfind("__", 0) == 0 || (histogram && l == "le")) {
      throw std::invalid_argument(name + ": invalid label name: " + l);
    }
  }
  for (const auto& f : families_) {
    if (f->name() == name) throw std::invalid_argument("metric registered twice: " + name);
  }
}

Family<Counter>& Registry::AddCounter(const std::string& name, const std::string& help,
                                      std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  CheckNew(name, label_names, false);
  auto family = std::make_unique<Family<Counter>>(name, help, std::move(label_names));
  auto& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

Family<Gauge>& Registry::AddGauge(const std::string& name, const std::string& help,
                                  std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  CheckNew(name, label_names, false);
  auto family = std::make_unique<Family<Gauge>>(name, help, std::move(label_names));
  auto& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

Family<Histogram>& Registry::AddHistogram(const std::string& name, const std::string& help,
                                          std::vector<double> bounds, std::vector<std::string> label_names) {
  std::lock_guard lock(mu_);
  CheckNew(name, label_names, true);
  Histogram check(bounds);  // validates the bounds once, here
  auto family = std::make_unique<Family<Histogram>>(name, help, std::move(label_names), std::move(bounds));
  auto& ref = *family;
  families_.push_back(std::move(family));
  return ref;
}

std::string Registry::Render() const {
  std::string out;
  std::lock_guard lock(mu_);
  for (const auto& f : families_) f->Render(&out);
  return out;
}

}  // namespace dateline::observe
