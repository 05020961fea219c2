"""Names for the demo's runners and groups: Flemish first and last names, KU Leuven associations."""

FIRST_NAMES = [
    "Lars", "Wout", "Arne", "Jonas", "Pieter", "Thomas", "Robbe", "Seppe", "Jens", "Ruben",
    "Maarten", "Bram", "Wannes", "Stijn", "Jasper", "Tibo", "Lander", "Mathias", "Sander", "Bert",
    "Kobe", "Lowie", "Warre", "Milan", "Senne", "Brent", "Jef", "Toon", "Korneel", "Dries",
    "Niels", "Joris", "Michiel", "Emiel", "Gilles", "Vincent", "Hannes", "Sebastiaan", "Cedric", "Xander",
    "Lotte", "Marie", "Hanne", "Elien", "Laura", "Fien", "Ine", "Febe", "Noor", "Lore",
    "Emma", "Julie", "Sarah", "Charlotte", "Lien", "Margot", "Ellen", "Jolien", "Annelies", "Nele",
    "Zoë", "Chloë", "Anaïs", "Eline", "Amber", "Silke", "Kato", "Lisa", "Yana", "Jana",
    "Saar", "Anke", "Sofie", "Griet", "Katrien", "Lieze", "Marthe", "Tine", "Axelle", "Febe",
]  # fmt: skip

LAST_NAMES = [
    "Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
    "Dubois", "Lambert", "Dupont", "Hermans", "Aerts", "Van den Broeck", "Vermeulen", "Pauwels", "Michiels", "Desmet",
    "De Clercq", "Martens", "Van Damme", "Verstraete", "Claeys", "Segers", "Lemmens", "Smets", "Coppens", "Stevens",
    "Verhoeven", "Van de Velde", "Leclercq", "Cools", "Baert", "Moens", "Vandenberghe", "Thys", "Devos", "De Backer",
    "Bogaerts", "Wuyts", "Verbeke", "Van Hecke", "Declercq", "Geerts", "Vermeersch", "Hendrickx", "Dierckx", "Vos",
    "Van Acker", "Huysmans", "Luyten", "Mattheus", "Verlinden", "Timmermans", "Vanhoutte", "De Meyer", "Cuypers",
    "Vandamme", "Van Dyck", "Jorissen", "Bosmans", "Nijs", "Govaerts", "Van Gorp", "Wijns", "Vanderstraeten",
    "Van Loock", "Boeckx", "Heylen", "Meeus", "Verhaegen", "Billiet", "Goris", "Vanhove", "Op de Beeck", "Schepers",
    "Vermeiren", "Swinnen", "Van Roey", "Verbruggen", "Van Calster", "Lenaerts", "Vanheusden", "Celis", "Spruyt",
]  # fmt: skip

# Faculty circles (kringen), sports and regional clubs and halls of residence, as at KU Leuven.
ASSOCIATIONS = [
    "VTK", "Medica", "Ekonomika", "Wina", "LBK", "Apolloon", "Historia", "Politika", "Psychokring", "VRG",
    "Pedagogische Kring", "Chemika", "Germania", "Merkator", "Farmaceutica", "Industria", "Geos", "Crimen",
    "Filosofica", "Dentalia", "Babylon", "Eoos", "Alfa", "Mecenas", "Antwerpse Club", "Kempense Club",
    "Limburgse Studentenclub", "Gentse Club", "Brugse Club", "Home Vesalius", "Home Fabiola", "Pauscollege",
    "Lerkeveld", "Camillo Torres", "Home Bodart", "Sedes Sapientiae", "Justus Lipsius", "Home Salvator",
]  # fmt: skip
