# Writes the simulated and derived CSVs of the extra reference cases (run from reference/extra/).
set.seed(20261125)
# Nested: 8 schools x 4 classes, class labels reused across schools, so only school:class identifies a class.
school <- rep(sprintf("s%02d", 1:8), each = 4 * 6)
class <- rep(rep(c("1", "2", "3", "4"), each = 6), 8)
x <- round(rnorm(length(school)), 3)
u_s <- rnorm(8, sd = 2)[as.integer(factor(school))]
u_c <- rnorm(32, sd = 1)[as.integer(factor(paste(school, class)))]
y <- round(10 + 1.5 * x + u_s + u_c + rnorm(length(school), sd = 1.2), 3)
write.csv(data.frame(school, class, x, y), "data/nested.csv", row.names = FALSE)
# NA rows and an x*g interaction: 30 subjects, 3 string-valued conditions.
subj <- rep(sprintf("p%02d", 1:30), each = 9)
cond <- rep(c("ctrl", "drugA", "drugB"), times = 90)
x <- round(runif(length(subj), 0, 10), 2)
u <- rnorm(30, sd = 3)[as.integer(factor(subj))]
slope <- c(ctrl = 0.5, drugA = 1.2, drugB = 0.8)[cond]
y <- round(20 + 2 * (cond == "drugA") - 1 * (cond == "drugB") + slope * x + u + rnorm(length(subj), sd = 2), 3)
y[c(5, 40, 77)] <- NA; x[c(12, 100)] <- NA; cond[c(150)] <- NA
write.csv(data.frame(subj, cond, x, y), "data/na_interaction.csv", row.names = FALSE)
# sleepstudy with a factor built from Days.
s <- read.csv("../data/sleepstudy.csv")
s$phase <- ifelse(s$Days <= 2, "early", ifelse(s$Days <= 6, "mid", "late"))
write.csv(s, "data/sleepstudy_phase.csv", row.names = FALSE)
# Bernoulli outcomes for 40 subjects x 10 trials, as 0/1, as a yes/no factor and as TRUE/FALSE.
set.seed(7)
subj <- rep(sprintf("s%02d", 1:40), each = 10)
x <- round(rnorm(400), 2)
eta <- -0.3 + 0.8 * x + rnorm(40, sd = 0.9)[as.integer(factor(subj))]
made <- rbinom(400, 1, plogis(eta))
write.csv(data.frame(subj, x, made, answer = ifelse(made == 1, "yes", "no"), correct = made == 1), "data/bernoulli.csv", row.names = FALSE)
