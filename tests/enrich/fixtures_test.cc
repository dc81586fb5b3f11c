// Scores entities and quotations against the hand-labelled fixtures in
// tests/data/enrich/ (see its README): precision and recall per entity type
// and for quotations and their attribution, printed, and checked against
// floors set from what the rules achieve (so a regression fails).
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>

#include "enrich_support.h"
#include "geo/gazetteer.h"

namespace dateline {
namespace {

namespace fs = std::filesystem;

struct Expected {
  std::string type;
  std::vector<std::string> names;  // folded alternatives
  std::string code;
  std::string cue;
  std::string quote_start;  // folded first words (quotes)
};

std::vector<std::string> SplitBar(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  std::string part;
  while (std::getline(ss, part, '|')) {
    const size_t b = part.find_first_not_of(' '), e = part.find_last_not_of(' ');
    out.push_back(b == std::string::npos ? "" : part.substr(b, e - b + 1));
  }
  return out;
}

std::vector<std::string> Alternatives(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    const size_t bar = s.find(" / ", start);
    out.push_back(FoldName(s.substr(start, bar == std::string::npos ? std::string::npos : bar - start)));
    if (bar == std::string::npos) break;
    start = bar + 3;
  }
  return out;
}

struct Counts {
  int tp_pred = 0, pred = 0, tp_exp = 0, exp = 0;
  double P() const { return pred ? static_cast<double>(tp_pred) / pred : 1.0; }
  double R() const { return exp ? static_cast<double>(tp_exp) / exp : 1.0; }
};

bool Matches(const Record& r, const Entity& e, const Expected& x) {
  if (e.type != x.type) return false;
  if (!x.code.empty() && e.country_code != x.code) return false;
  auto in = [&](const std::string& s) {
    const std::string f = FoldName(s);
    for (const auto& n : x.names) {
      if (n == f) return true;
    }
    return false;
  };
  if (in(e.text)) return true;
  for (const Span& m : e.mentions) {
    if (in(r.text.substr(m.start, m.end - m.start))) return true;
  }
  return false;
}

TEST(EnrichFixtures, PrecisionAndRecallAboveFloors) {
  const fs::path dir = fs::path(DATELINE_SOURCE_DIR) / "tests/data/enrich";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".txt") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 40u);
  std::map<std::string, Counts> by_type;
  Counts quotes, attribution;
  const bool verbose = std::getenv("ENRICH_VERBOSE") != nullptr;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string all = ss.str();
    const size_t sep = all.find("=== expected\n");
    ASSERT_NE(sep, std::string::npos) << file;
    std::vector<Expected> ents, qs;
    std::stringstream lines(all.substr(sep + 13));
    for (std::string line; std::getline(lines, line);) {
      if (line.empty() || line[0] == '#') continue;
      const auto f = SplitBar(line);
      ASSERT_GE(f.size(), 2u) << file << ": " << line;
      Expected x;
      x.type = f[0];
      x.names = Alternatives(f[1]);
      if (x.type == "QUOTE") {
        ASSERT_EQ(f.size(), 4u) << file << ": " << line;
        x.cue = f[2];
        x.quote_start = FoldName(f[3]);
        qs.push_back(x);
      } else {
        if (f.size() > 2) x.code = f[2];
        ents.push_back(x);
      }
    }
    const Record r = testing::RunReport(all.substr(0, sep));
    // Entities.
    std::vector<bool> found(ents.size(), false);
    for (const Entity& e : r.entities) {
      bool ok = false;
      for (size_t k = 0; k < ents.size(); ++k) {
        if (Matches(r, e, ents[k])) ok = true, found[k] = true;
      }
      by_type[e.type].pred++;
      by_type[e.type].tp_pred += ok;
      if (!ok && verbose) std::printf("  %s FP %s %s [%s]\n", file.filename().c_str(), e.type.c_str(), e.text.c_str(), e.country_code.c_str());
    }
    for (size_t k = 0; k < ents.size(); ++k) {
      by_type[ents[k].type].exp++;
      by_type[ents[k].type].tp_exp += found[k];
      if (!found[k] && verbose) std::printf("  %s FN %s %s [%s]\n", file.filename().c_str(), ents[k].type.c_str(), ents[k].names[0].c_str(), ents[k].code.c_str());
    }
    // Quotations: found by their first words; attribution by speaker.
    std::vector<bool> quote_found(qs.size(), false);
    for (const Quote& q : r.quotes) {
      const std::string text = FoldName(q.text);
      int match = -1;
      for (size_t k = 0; k < qs.size(); ++k) {
        if (text.rfind(qs[k].quote_start, 0) == 0) match = static_cast<int>(k);
      }
      quotes.pred++;
      if (match >= 0) quotes.tp_pred++, quote_found[static_cast<size_t>(match)] = true;
      if (q.speaker.empty()) continue;
      attribution.pred++;
      bool right = false;
      if (match >= 0) {
        for (const auto& n : qs[static_cast<size_t>(match)].names) right |= n == FoldName(q.speaker);
      }
      attribution.tp_pred += right;
      if (right) attribution.tp_exp++;
      if (!right && verbose) std::printf("  %s QUOTE wrong speaker %s: %.40s\n", file.filename().c_str(), q.speaker.c_str(), q.text.c_str());
    }
    for (size_t k = 0; k < qs.size(); ++k) {
      quotes.exp++;
      quotes.tp_exp += quote_found[k];
      if (qs[k].names[0] != "-") attribution.exp++;
      if (!quote_found[k] && verbose) std::printf("  %s QUOTE missed %s\n", file.filename().c_str(), qs[k].quote_start.c_str());
    }
  }
  std::printf("enrichment over %zu fixtures:\n", files.size());
  for (const auto& [type, c] : by_type) {
    std::printf("  %-13s P %.3f (%d/%d)  R %.3f (%d/%d)\n", type.c_str(), c.P(), c.tp_pred, c.pred, c.R(), c.tp_exp, c.exp);
  }
  std::printf("  %-13s P %.3f (%d/%d)  R %.3f (%d/%d)\n", "QUOTES", quotes.P(), quotes.tp_pred, quotes.pred, quotes.R(),
              quotes.tp_exp, quotes.exp);
  std::printf("  %-13s P %.3f (%d/%d)  R %.3f (%d/%d)\n", "ATTRIBUTION", attribution.P(), attribution.tp_pred,
              attribution.pred, attribution.R(), attribution.tp_exp, attribution.exp);
  // Floors: a little below what this version achieves (printed above).
  const struct {
    const char* type;
    double p, r;
  } floors[] = {{"LOCATION", 0.92, 0.84}, {"ORGANIZATION", 0.90, 0.80}, {"PERSON", 0.88, 0.93}, {"MISC", 0.90, 0.65}};
  for (const auto& f : floors) {
    EXPECT_GE(by_type[f.type].P(), f.p) << f.type;
    EXPECT_GE(by_type[f.type].R(), f.r) << f.type;
  }
  EXPECT_GE(quotes.P(), 0.95);
  EXPECT_GE(quotes.R(), 0.95);
  EXPECT_GE(attribution.P(), 0.92);
  EXPECT_GE(attribution.R(), 0.92);
}

}  // namespace
}  // namespace dateline
